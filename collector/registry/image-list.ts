import { parseImageRef, type ImageRef } from '../../core/image-ref.js';
import { isVerifiableDigest } from './digest.js';

export interface ListedImage {
  /** 1-based line number in the file. */
  line: number;
  text: string;
  ref: ImageRef;
}

export interface InvalidLine {
  line: number;
  /** The line as a printable excerpt: control characters escaped, long lines shortened. */
  text: string;
  reason: string;
}

export interface ImageList {
  images: ListedImage[];
  invalid: InvalidLine[];
}

/**
 * Parses an image list: one reference per line, `#` starts a comment, blank lines are skipped.
 * With `requireDigest` (a transfer manifest) every line must pin a sha256 or sha512 digest.
 * Invalid lines are returned apart so the valid ones are still checked.
 */
export function parseImageList(text: string, options: { requireDigest?: boolean } = {}): ImageList {
  const images: ListedImage[] = [];
  const invalid: InvalidLine[] = [];

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = stripComment(raw).trim();
    if (content === '') {
      return;
    }

    const ref = parseImageRef(content);
    if (ref === null) {
      invalid.push({ line, text: excerpt(content), reason: 'not a valid image reference (expected [registry/]repository[:tag][@digest])' });
      return;
    }
    if (ref.digest !== null && !isVerifiableDigest(ref.digest)) {
      invalid.push({ line, text: excerpt(content), reason: `unsupported digest ${excerpt(ref.digest)} (expected sha256:<64 hex> or sha512:<128 hex>)` });
      return;
    }
    if (options.requireDigest && ref.digest === null) {
      invalid.push({ line, text: excerpt(content), reason: 'a transfer manifest line needs a digest (repository@sha256:...)' });
      return;
    }
    images.push({ line, text: content, ref });
  });

  return { images, invalid };
}

const EXCERPT_CHARS = 200;

// A binary file or a 10 MB line must not flood the terminal or the JSON report.
function excerpt(text: string): string {
  const printable = JSON.stringify(text.slice(0, EXCERPT_CHARS)).slice(1, -1);
  return text.length > EXCERPT_CHARS ? `${printable}... (${text.length} characters)` : printable;
}

// References never contain `#`, so everything after the first one is a comment.
function stripComment(line: string): string {
  const hash = line.indexOf('#');
  return hash < 0 ? line : line.slice(0, hash);
}

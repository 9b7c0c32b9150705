import { imageKey } from './image-match.js';

/** One reference that did not parse, with its 1-based line. */
export interface ImageListProblem {
  line: number;
  /** The line as a printable excerpt: control characters escaped, long lines shortened. */
  text: string;
}

const EXCERPT_CHARS = 200;
const DIGEST_FORMS = /^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;

/** Parses an images.txt: one reference a line, blank lines and `#` comments ignored. */
export function parseImageList(text: string): { images: string[]; problems: ImageListProblem[] } {
  const images: string[] = [];
  const problems: ImageListProblem[] = [];
  const lines = text.split(/\r?\n/);

  lines.forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') {
      return;
    }
    if (isImageReference(line)) {
      images.push(line);
    } else {
      problems.push({ line: index + 1, text: excerpt(line) });
    }
  });
  return { images, problems };
}

/** True for a reference with a repository whose digest, if any, is lowercase sha256 or sha512 hex. */
export function isImageReference(text: string): boolean {
  const key = imageKey(text);
  if (key.repository === null) {
    return false;
  }
  return key.digest === null || DIGEST_FORMS.test(key.digest);
}

// A binary file or a 10 MB line must not flood the terminal through the error message.
function excerpt(line: string): string {
  const printable = JSON.stringify(line.slice(0, EXCERPT_CHARS)).slice(1, -1);
  return line.length > EXCERPT_CHARS ? `${printable}... (${line.length} characters)` : printable;
}

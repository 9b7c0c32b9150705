import { imageKey } from './image-match.js';

/** One reference that did not parse, with its 1-based line. */
export interface ImageListProblem {
  line: number;
  text: string;
}

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
      problems.push({ line: index + 1, text: line });
    }
  });
  return { images, problems };
}

export function isImageReference(text: string): boolean {
  return imageKey(text).repository !== null;
}

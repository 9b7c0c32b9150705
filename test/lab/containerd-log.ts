/**
 * Returns every containerd log line from the start of the last pull of `image` to its end
 * (`returns image reference` or `failed`). Only valid when pulls ran one after another,
 * because `trying next host` lines name no image.
 */
export function linesOfLastPull(log: string, image: string): string[] {
  const lines = log.split('\n');
  const start = `msg="PullImage \\"${image}\\""`;
  const startIndex = lines.findLastIndex((line) => line.includes(start));
  if (startIndex < 0) {
    return [];
  }
  const endPrefix = `msg="PullImage \\"${image}\\" `;
  const endOffset = lines.slice(startIndex + 1).findIndex((line) => line.includes(endPrefix));
  const endIndex = endOffset < 0 ? lines.length - 1 : startIndex + 1 + endOffset;
  return lines.slice(startIndex, endIndex + 1);
}

/** Returns the value of `host=` in a `trying next host` line, or null for any other line. */
export function tryingNextHost(line: string): string | null {
  if (!line.includes('msg="trying next host')) {
    return null;
  }
  const match = /\shost="?([^"\s]+)"?/.exec(line);
  return match?.[1] ?? null;
}

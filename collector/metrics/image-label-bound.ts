/** `image` label shared by every image beyond the bound. */
export const OTHER_IMAGE = 'other';

/**
 * Bounds the `image` label's cardinality. The images with the most stored pulls at start
 * keep their own label; free slots then go to new images in arrival order, and every later
 * image is labelled `other`. The set never shrinks while the process runs, so no series
 * moves between labels and every counter stays monotonic.
 */
export class ImageLabelBound {
  private readonly labelled = new Set<string>();

  constructor(private readonly limit: number) {}

  /** Seeds the set with the images that have the most pulls (ties broken by name). */
  seed(pullCounts: ReadonlyMap<string, number>): void {
    const ranked = [...pullCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [image] of ranked.slice(0, this.limit)) {
      this.labelled.add(image);
    }
  }

  labelOf(image: string): string {
    if (this.labelled.has(image)) {
      return image;
    }
    if (this.labelled.size < this.limit && image !== OTHER_IMAGE) {
      this.labelled.add(image);
      return image;
    }
    return OTHER_IMAGE;
  }
}

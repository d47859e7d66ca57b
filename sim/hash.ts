/**
 * A running 64-bit hash (two 32-bit lanes, cyrb53-style mixing) over strings.
 * Not cryptographic: it only has to tell two traces apart and be cheap per event.
 */
export class RunningHash {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  update(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    // Mix a record separator so ["ab","c"] and ["a","bc"] differ.
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    this.h1 = h1;
    this.h2 = h2;
  }

  /** 16 hex digits. */
  digest(): string {
    return (this.h2 >>> 0).toString(16).padStart(8, '0') + (this.h1 >>> 0).toString(16).padStart(8, '0');
  }
}

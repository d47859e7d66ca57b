import type { ChalkInstance } from 'chalk';

type Paint = (text: string) => string;

/**
 * A colour per process, given in order of first appearance, so one run always colours the same
 * way and neighbouring processes rarely share a colour. Group labels (nodes, logs) stay plain.
 */
export class ProcessColours {
  private readonly palette: Paint[];
  private readonly assigned = new Map<string, Paint>();

  constructor(private readonly chalk: ChalkInstance) {
    const c = chalk;
    this.palette = [c.cyan, c.yellow, c.blue, c.magenta, c.green, c.cyanBright, c.yellowBright, c.blueBright, c.magentaBright, c.greenBright, c.redBright, c.white];
  }

  paint(process: string, text: string): string {
    if (!process.includes('@')) return this.chalk.bold(text);
    let paint = this.assigned.get(process);
    if (paint === undefined) {
      paint = this.palette[this.assigned.size % this.palette.length] as Paint;
      this.assigned.set(process, paint);
    }
    return paint(text);
  }
}

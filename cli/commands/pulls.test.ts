import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { register } from './pulls.js';

describe('pulls command help', () => {
  it('marks certs dir required', () => {
    const program = new Command('gapwatch');
    register(program);
    const help = program.commands.find((command) => command.name() === 'pulls')!.helpInformation();
    expect(help).toMatch(/--certs-dir <dir>\s+\(required\)/);
  });
});

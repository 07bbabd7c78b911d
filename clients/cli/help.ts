import { InvalidArgumentError, type Command } from 'commander';

/** Every command's --help ends with examples (a test checks each command has some). */
export function examples(command: Command, ...lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

/** A parser for a positive integer option; commander reports a bad value as a usage error (exit 2). */
export function positiveInt(name: string, max = 10_000): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`${name} must be an integer from 1 to ${max}, got "${value}"`);
    return n;
  };
}

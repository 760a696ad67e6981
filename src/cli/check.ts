import type { Command } from 'commander';
import { UserError } from '../errors.js';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('`prodgate check` is not available yet');
    });
}

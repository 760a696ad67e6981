import type { Command } from 'commander';
import { UserError } from '../errors.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('`prodgate validate` is not available yet');
    });
}

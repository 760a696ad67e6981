import type { Command } from 'commander';
import { UserError } from '../errors.js';

export function registerReach(program: Command): void {
  program
    .command('reach')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('`prodgate reach` is not available yet');
    });
}

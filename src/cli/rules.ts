import type { Command } from 'commander';
import { UserError } from '../errors.js';

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('`prodgate rules` is not available yet');
    });
}

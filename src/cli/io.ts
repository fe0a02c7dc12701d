/** Commands speak to people on stderr and print results (the new id last) on stdout. */
export const say = (message: string) => process.stderr.write(`${message}\n`);
export const print = (line: string) => process.stdout.write(`${line}\n`);

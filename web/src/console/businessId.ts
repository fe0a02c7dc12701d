/** A Finnish business ID (Y-tunnus) such as 2077474-0: seven digits, a hyphen and a check digit. */
export function isBusinessId(value: string): boolean {
  const match = /^(\d{6,7})-(\d)$/.exec(value.trim());
  if (!match) return false;
  const digits = (match[1] ?? '').padStart(7, '0');
  const weights = [7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  const rest = sum % 11;
  if (rest === 1) return false;
  return (rest === 0 ? 0 : 11 - rest) === Number(match[2]);
}

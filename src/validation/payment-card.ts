const MIN_PAN = 13;
const MAX_PAN = 19;
// Digits with at most one space or dash between neighbours, as card numbers are usually typed.
const DIGIT_RUN = /\d(?:[ -]?\d)*/g;

export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function containsPaymentCardNumber(text: string): boolean {
  for (const match of text.matchAll(DIGIT_RUN)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length < MIN_PAN) continue;
    // A PAN glued to other digits (order numbers, pasted tables) is still a PAN, so test every window.
    for (let len = MIN_PAN; len <= Math.min(MAX_PAN, digits.length); len++) {
      for (let start = 0; start + len <= digits.length; start++) {
        if (luhnValid(digits.slice(start, start + len))) return true;
      }
    }
  }
  return false;
}

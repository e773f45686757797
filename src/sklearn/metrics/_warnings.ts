// Python's warnings, as a user of scikit-learn sees them: `Category: message` printed once per
// distinct message (the default filter's registry), here on console.warn.
const seen = new Set<string>();

/** sklearn's `UndefinedMetricWarning` (zero division, a single class, ...). */
export const UndefinedMetricWarning = "UndefinedMetricWarning";
export const UserWarning = "UserWarning";

export function warn(message: string, category: string = UserWarning): void {
  const line = `${category}: ${message}`;
  if (seen.has(line)) return;
  seen.add(line);
  console.warn(line);
}

/** Forget which warnings were shown (tests use it to see each case's warnings). */
export function _resetWarnings(): void {
  seen.clear();
}

// Which calendar day it is for the people using the product: deadlines, work dates and dialogue dates
// are days in Indonesia, and WIB (UTC+7) decides which day "today" is.
const WIB_MS = 7 * 60 * 60 * 1000;

export function todayInIndonesia(at = Date.now()): string {
  return new Date(at + WIB_MS).toISOString().slice(0, 10);
}

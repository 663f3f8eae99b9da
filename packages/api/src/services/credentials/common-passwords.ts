// Passwords people choose first, and guessers try first: the most common ones in leaked lists worldwide
// and in Indonesia. A word here also refuses its variants with digits or symbols around it ("sayang123",
// "@indonesia2025") and with look-alike characters ("p@ssw0rd"); see password-policy.ts.
export const COMMON_PASSWORDS: readonly string[] = [
  // worldwide
  "password", "passwd", "pass", "qwerty", "qwertyui", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abc", "abcd",
  "iloveyou", "sunshine", "princess", "football", "baseball", "soccer", "welcome", "letmein", "monkey",
  "dragon", "master", "superman", "batman", "trustno", "starwars", "whatever", "shadow", "michael",
  "jessica", "charlie", "freedom", "secret", "login", "admin", "administrator", "root", "user", "test",
  "guest", "changeme", "default", "computer", "internet", "samsung", "google", "facebook", "instagram",
  "liverpool", "chelsea", "arsenal", "barcelona", "realmadrid", "juventus", "manchester", "naruto",
  "pokemon", "doraemon", "blink",
  // Indonesian
  "indonesia", "bismillah", "alhamdulillah", "subhanallah", "allahuakbar", "assalamualaikum", "rahasia",
  "katasandi", "sandi", "kunci", "sayang", "sayangku", "cinta", "cintaku", "aku", "akusayangkamu",
  "kamu", "merdeka", "garuda", "pancasila", "jakarta", "bandung", "surabaya", "medan", "semarang",
  "makassar", "yogyakarta", "jogja", "persija", "persib", "persebaya", "arema", "ganteng", "cantik",
  "kucing", "anjing", "semangat", "sukses", "selamat", "bersama", "keluarga", "mama", "papa", "ibu",
  "bapak", "pegawai", "kantor", "dinas", "pemda", "asn", "pns", "kinerja", "bkd", "bkpsdm",
  // keyboard and keypad patterns that are neither a run ("12345678") nor a repetition ("12121212")
  "asdf", "qwer", "qazwsx", "qazwsxedc", "qweasd", "qweasdzxc", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "zaq12wsx",
  "123qweasd", "147258369", "741852963", "789456123", "963852741", "159357456", "11223344",
];

// Indonesian given and family names for demo employees.
export const GIVEN_NAMES = [
  "Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hendra", "Indah", "Joko", "Kartika", "Lestari",
  "Muhammad", "Nur", "Oktavia", "Putri", "Rahmat", "Siti", "Taufik", "Utami", "Wahyu", "Yusuf", "Zulkifli",
  "Andi", "Bayu", "Dian", "Fajar", "Hadi", "Irwan", "Lina", "Mega", "Rina", "Sri", "Teguh", "Wulan", "Yanti",
] as const;

export const FAMILY_NAMES = [
  "Siregar", "Nasution", "Harahap", "Lubis", "Simanjuntak", "Sitompul", "Tanjung", "Syahputra", "Hidayat",
  "Saputra", "Pratama", "Wijaya", "Kurniawan", "Setiawan", "Rahayu", "Handayani", "Santoso", "Gunawan",
  "Nainggolan", "Batubara", "Chaniago", "Piliang", "Koto", "Sikumbang", "Hasibuan", "Daulay", "Ramadhan",
] as const;

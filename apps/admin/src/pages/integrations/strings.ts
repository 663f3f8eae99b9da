// The Indonesian strings only the integration screens (Integrasi, Kehadiran saya) show, loaded with them
// instead of with every screen.
import { addScreenStrings } from "../../i18n";
import strings from "../../locales/screens/integrations.id.json";

addScreenStrings(strings);

// The Indonesian strings only the settings screen show, loaded with them instead of with every screen.
import { addScreenStrings } from "../../i18n";
import strings from "../../locales/screens/settings.id.json";

addScreenStrings(strings);

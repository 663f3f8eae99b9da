// The rules editor's Indonesian strings, loaded with the screens that show them (the rules editor and the
// national baselines' change table) instead of with every screen.
import { addScreenStrings } from "../../i18n";
import strings from "../../locales/screens/rules.id.json";

addScreenStrings(strings);

// The Indonesian strings only the national baselines screen show, loaded with them instead of with every screen.
import { addScreenStrings } from "../../i18n";
import strings from "../../locales/screens/baselines.id.json";

addScreenStrings(strings);

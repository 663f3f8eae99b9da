// The Indonesian strings only the cycle screens (the cycles list, a cycle, an employee's result) show, loaded with them instead of with every screen.
import { addScreenStrings } from "../../i18n";
import strings from "../../locales/screens/cycles.id.json";

addScreenStrings(strings);

// The Indonesian strings only the evaluation forum's member screen shows, loaded with it instead of with every screen.
import { addScreenStrings } from "../../i18n";
import strings from "../../locales/screens/forum-member.id.json";

addScreenStrings(strings);

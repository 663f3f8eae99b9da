// The Indonesian strings only the API & Webhook screen shows, loaded with it instead of with every screen.
import { addScreenStrings } from "../../i18n";
import strings from "../../locales/screens/public-api.id.json";

addScreenStrings(strings);

// The workspace's lint rules plus React's hook rules for the portal.
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import workspace from "../../eslint.config.js";

export default tseslint.config(...workspace, {
  files: ["src/**/*.{ts,tsx}"],
  plugins: { "react-hooks": reactHooks },
  rules: {
    "react-hooks/rules-of-hooks": "error",
    "react-hooks/exhaustive-deps": "warn",
  },
});

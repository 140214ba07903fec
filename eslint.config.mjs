import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "dist/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      ".screenshots/**",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Arrows point down only (docs/design.md §2): app → components → lib. Server actions reach client
    // components as props; lib stays free of React (React's cache() for per-request memoisation aside).
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/*", "**/app/*"], message: "components must not import from app/" }] },
      ],
    },
  },
  {
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/*", "@/components/*"], message: "lib must not import from app/ or components/" },
          ],
          paths: [
            {
              name: "react",
              importNames: ["useState", "useEffect", "useContext", "createContext", "useTransition"],
              message: "lib/ is free of React components and hooks",
            },
            { name: "react-dom", message: "lib/ is free of React" },
          ],
        },
      ],
    },
  },
  {
    // CommonJS files: the entry point of dist/ (it requires Next's generated server.js) and next.config.js.
    files: ["scripts/dist/*.cjs", "next.config.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The stand-in, scripts and tests are Node programs, never bundled into the app.
    files: ["sim/**", "scripts/**", "e2e/**", "**/*.test.ts"],
    rules: { "@next/next/no-html-link-for-pages": "off", "react-hooks/rules-of-hooks": "off" },
  },
);

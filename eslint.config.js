import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const eslintConfig = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  { ignores: [".next/**", ".data/**", "lib/generated/**", "next-env.d.ts", "coverage/**"] },
  {
    // One way in to the data: only lib/ may touch Prisma.
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/generated/prisma/client", "**/generated/prisma/models", "@prisma/*", "**/lib/db"],
              message: "Read and write data through the lib/ domain modules.",
            },
          ],
        },
      ],
    },
  },
];

export default eslintConfig;

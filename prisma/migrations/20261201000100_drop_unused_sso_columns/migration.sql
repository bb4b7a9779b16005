-- Single sign-on links people by their email to accounts an admin added (lib/auth/sign-in.ts); Auth.js keeps no adapter tables, so these were never written.
-- DropForeignKey
ALTER TABLE "Account" DROP CONSTRAINT "Account_userId_fkey";

-- AlterTable
ALTER TABLE "User" DROP COLUMN "emailVerified",
DROP COLUMN "image";

-- DropTable
DROP TABLE "Account";


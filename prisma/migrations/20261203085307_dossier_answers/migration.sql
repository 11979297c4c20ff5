-- CreateEnum
CREATE TYPE "ApologyScanKind" AS ENUM ('PHOTO', 'DOCUMENT');

-- AlterEnum
ALTER TYPE "ApologyForm" ADD VALUE 'PORTAL';

-- AlterTable
ALTER TABLE "ApologyRecord" ADD COLUMN     "appointmentChangedAt" TIMESTAMPTZ(3),
ADD COLUMN     "appointmentChangedById" INTEGER,
ADD COLUMN     "scanKind" "ApologyScanKind",
ADD COLUMN     "scanSha256" TEXT,
ADD COLUMN     "scanSizeBytes" INTEGER,
ADD COLUMN     "signerTitle" TEXT;

-- AlterTable
ALTER TABLE "DossierResolution" ADD COLUMN     "revokedById" INTEGER;

-- AlterTable: pauses recorded before this migration keep their reason as what was awaited.
ALTER TABLE "SlaPause" ADD COLUMN     "awaiting" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "endedById" INTEGER;
UPDATE "SlaPause" SET "awaiting" = COALESCE("reason", '');
ALTER TABLE "SlaPause" ALTER COLUMN "awaiting" DROP DEFAULT;

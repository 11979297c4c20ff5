-- CreateEnum
CREATE TYPE "ReviewSubject" AS ENUM ('UNIT', 'PERSON');

-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "acknowledgeBy" TIMESTAMPTZ(3),
ADD COLUMN     "deescalationProposedAt" TIMESTAMPTZ(3),
ADD COLUMN     "raisedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Inspection" ADD COLUMN     "conclusion" TEXT,
ADD COLUMN     "escalationId" INTEGER,
ADD COLUMN     "inspectors" TEXT,
ADD COLUMN     "sampleSeed" TEXT,
ADD COLUMN     "sampleSize" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ResponsibilityReview" (
    "id" SERIAL NOT NULL,
    "escalationId" INTEGER NOT NULL,
    "subject" "ReviewSubject" NOT NULL,
    "personName" TEXT,
    "decisionNumber" TEXT NOT NULL,
    "decidedOn" DATE NOT NULL,
    "content" TEXT NOT NULL,
    "recordedById" INTEGER,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResponsibilityReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionFinding" (
    "id" SERIAL NOT NULL,
    "inspectionId" INTEGER NOT NULL,
    "dossierId" INTEGER NOT NULL,
    "causeConfirmed" BOOLEAN,
    "responsible" TEXT,
    "note" TEXT,
    "recordedAt" TIMESTAMPTZ(3),

    CONSTRAINT "InspectionFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ResponsibilityReview_escalationId_idx" ON "ResponsibilityReview"("escalationId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionFinding_inspectionId_dossierId_key" ON "InspectionFinding"("inspectionId", "dossierId");

-- AddForeignKey
ALTER TABLE "ResponsibilityReview" ADD CONSTRAINT "ResponsibilityReview_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionFinding" ADD CONSTRAINT "InspectionFinding_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateEnum
CREATE TYPE "PendingImportStatus" AS ENUM ('PENDING', 'CONFIRMED', 'CANCELLED', 'FAILED');

-- CreateTable
CREATE TABLE "PendingImport" (
    "id" SERIAL NOT NULL,
    "uploaderId" INTEGER NOT NULL,
    "chatId" BIGINT NOT NULL,
    "telegramFileId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "status" "PendingImportStatus" NOT NULL DEFAULT 'PENDING',
    "previewMessageId" INTEGER,
    "importBatchId" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PendingImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PendingImport_importBatchId_key" ON "PendingImport"("importBatchId");

-- CreateIndex
CREATE INDEX "PendingImport_uploaderId_status_idx" ON "PendingImport"("uploaderId", "status");

-- AddForeignKey
ALTER TABLE "PendingImport" ADD CONSTRAINT "PendingImport_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "ChatBinding" ADD COLUMN     "unreachableSince" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "batch" TEXT,
ADD COLUMN     "chatBindingId" INTEGER,
ADD COLUMN     "personId" INTEGER;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "unreachableSince" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "PushRun" (
    "id" SERIAL NOT NULL,
    "periodId" INTEGER NOT NULL,
    "snapshotId" INTEGER NOT NULL,
    "batch" TEXT NOT NULL,
    "startedById" INTEGER,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "chatId" BIGINT,
    "progressMessageId" INTEGER,
    "finishedAt" TIMESTAMPTZ(3),
    "summary" JSONB,

    CONSTRAINT "PushRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PushRun_batch_key" ON "PushRun"("batch");

-- CreateIndex
CREATE INDEX "PushRun_periodId_idx" ON "PushRun"("periodId");

-- CreateIndex
CREATE INDEX "OutboxMessage_chatId_status_id_idx" ON "OutboxMessage"("chatId", "status", "id");

-- CreateIndex
CREATE INDEX "OutboxMessage_batch_status_idx" ON "OutboxMessage"("batch", "status");

-- CreateIndex
CREATE INDEX "OutboxMessage_personId_idx" ON "OutboxMessage"("personId");

-- CreateIndex
CREATE INDEX "OutboxMessage_chatBindingId_idx" ON "OutboxMessage"("chatBindingId");

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_chatBindingId_fkey" FOREIGN KEY ("chatBindingId") REFERENCES "ChatBinding"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PushRun" ADD CONSTRAINT "PushRun_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ReportingPeriod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

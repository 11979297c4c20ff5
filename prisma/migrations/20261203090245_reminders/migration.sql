-- CreateTable
CREATE TABLE "UnitReminder" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "periodId" INTEGER NOT NULL,
    "firstRemindedAt" TIMESTAMPTZ(3),
    "lastRemindedAt" TIMESTAMPTZ(3),
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "snoozedUntil" DATE,
    "lastSnoozedAt" TIMESTAMPTZ(3),
    "lastSnoozedById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UnitReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnitReminder_periodId_idx" ON "UnitReminder"("periodId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitReminder_unitId_periodId_key" ON "UnitReminder"("unitId", "periodId");

-- AddForeignKey
ALTER TABLE "UnitReminder" ADD CONSTRAINT "UnitReminder_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitReminder" ADD CONSTRAINT "UnitReminder_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ReportingPeriod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

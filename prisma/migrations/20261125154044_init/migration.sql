-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('PROVINCE', 'CENTER', 'PEOPLES_COMMITTEE', 'DEPARTMENT', 'DISTRICT', 'COMMUNE', 'OTHER');

-- CreateEnum
CREATE TYPE "PushTarget" AS ENUM ('GROUP', 'PRIVATE', 'BOTH');

-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('CENTER_ADMIN', 'UNIT_HEAD', 'OFFICER', 'PC_VIEWER');

-- CreateEnum
CREATE TYPE "MemberStatus" AS ENUM ('ACTIVE', 'REMOVED');

-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('UNIT_SCORES', 'OVERDUE_DOSSIERS', 'UNIT_LIST');

-- CreateEnum
CREATE TYPE "ImportSource" AS ENUM ('BOT', 'CLI', 'DEMO');

-- CreateEnum
CREATE TYPE "SnapshotKind" AS ENUM ('UNIT_SCORES', 'OVERDUE_DOSSIERS');

-- CreateEnum
CREATE TYPE "DossierState" AS ENUM ('OPEN', 'RESOLVED', 'NO_LONGER_LISTED');

-- CreateEnum
CREATE TYPE "CauseCategory" AS ENUM ('WAITING_FOR_APPLICANT', 'WAITING_FOR_OTHER_AGENCY', 'SYNC_ERROR', 'STAFF_SLOW_OR_UNFAMILIAR', 'WORKLOAD', 'COMPLEX_DOSSIER', 'OTHER');

-- CreateEnum
CREATE TYPE "ApologyForm" AS ENUM ('PAPER', 'EMAIL', 'SMS', 'IN_PERSON');

-- CreateEnum
CREATE TYPE "SignerCapacity" AS ENUM ('HEAD', 'DEPUTY');

-- CreateEnum
CREATE TYPE "ResolutionOutcome" AS ENUM ('RESULT_ISSUED', 'RETURNED_WITH_REASONS');

-- CreateEnum
CREATE TYPE "EscalationLevel" AS ENUM ('L1_REMINDER', 'L2_CENTER', 'L3_PEOPLES_COMMITTEE');

-- CreateEnum
CREATE TYPE "InspectionStatus" AS ENUM ('PLANNED', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('HOLIDAY', 'WORKING_DAY');

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "code" TEXT,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT,
    "normalizedName" TEXT NOT NULL,
    "kind" "UnitKind" NOT NULL DEFAULT 'OTHER',
    "parentId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "pushTarget" "PushTarget" NOT NULL DEFAULT 'BOTH',
    "groupIsInternal" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "telegramUserId" BIGINT NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "username" TEXT,
    "language" TEXT,
    "activeMembershipId" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "unitId" INTEGER,
    "role" "MemberRole" NOT NULL,
    "status" "MemberStatus" NOT NULL DEFAULT 'ACTIVE',
    "inviteId" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "removedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invite" (
    "id" SERIAL NOT NULL,
    "codeHash" TEXT NOT NULL,
    "role" "MemberRole" NOT NULL,
    "unitId" INTEGER,
    "createdById" INTEGER,
    "maxUses" INTEGER NOT NULL DEFAULT 1,
    "usedCount" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InviteUse" (
    "id" SERIAL NOT NULL,
    "inviteId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "usedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InviteUse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InviteAttempt" (
    "id" SERIAL NOT NULL,
    "telegramUserId" BIGINT NOT NULL,
    "personId" INTEGER,
    "succeeded" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InviteAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatBinding" (
    "id" SERIAL NOT NULL,
    "chatId" BIGINT NOT NULL,
    "title" TEXT,
    "unitId" INTEGER NOT NULL,
    "boundByPersonId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unboundAt" TIMESTAMPTZ(3),

    CONSTRAINT "ChatBinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" SERIAL NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "source" "ImportSource" NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "importedById" INTEGER,
    "rowCount" INTEGER NOT NULL,
    "summary" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportingPeriod" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportingPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PeriodSnapshot" (
    "id" SERIAL NOT NULL,
    "periodId" INTEGER NOT NULL,
    "kind" "SnapshotKind" NOT NULL,
    "asOf" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,
    "importBatchId" INTEGER NOT NULL,
    "isCurrent" BOOLEAN NOT NULL DEFAULT true,
    "supersededAt" TIMESTAMPTZ(3),
    "supersededById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PeriodSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitScore" (
    "id" SERIAL NOT NULL,
    "snapshotId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "publicity" DECIMAL(6,2),
    "progress" DECIMAL(6,2),
    "onlineService" DECIMAL(6,2),
    "onlinePayment" DECIMAL(6,2),
    "satisfaction" DECIMAL(6,2),
    "digitisation" DECIMAL(6,2),
    "total" DECIMAL(6,2) NOT NULL,
    "rank" INTEGER,
    "rankOutOf" INTEGER,

    CONSTRAINT "UnitScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dossier" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "procedureName" TEXT NOT NULL,
    "field" TEXT,
    "applicantName" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),
    "daysOverdue" INTEGER,
    "unitId" INTEGER NOT NULL,
    "handlerName" TEXT,
    "portalStatus" TEXT,
    "state" "DossierState" NOT NULL DEFAULT 'OPEN',
    "firstPeriodId" INTEGER NOT NULL,
    "lastPeriodId" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Dossier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DossierListing" (
    "id" SERIAL NOT NULL,
    "dossierId" INTEGER NOT NULL,
    "snapshotId" INTEGER NOT NULL,
    "periodId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "daysOverdue" INTEGER,

    CONSTRAINT "DossierListing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CauseReport" (
    "id" SERIAL NOT NULL,
    "dossierId" INTEGER NOT NULL,
    "category" "CauseCategory" NOT NULL,
    "detail" TEXT,
    "reportedById" INTEGER,
    "reportedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMPTZ(3),

    CONSTRAINT "CauseReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApologyRecord" (
    "id" SERIAL NOT NULL,
    "dossierId" INTEGER NOT NULL,
    "letterNumber" TEXT NOT NULL,
    "issuedOn" DATE NOT NULL,
    "signerName" TEXT NOT NULL,
    "signerCapacity" "SignerCapacity" NOT NULL,
    "form" "ApologyForm" NOT NULL,
    "newAppointmentOn" DATE NOT NULL,
    "scanTelegramFileId" TEXT,
    "recordedById" INTEGER,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ApologyRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DossierResolution" (
    "id" SERIAL NOT NULL,
    "dossierId" INTEGER NOT NULL,
    "outcome" "ResolutionOutcome" NOT NULL,
    "resolvedOn" DATE NOT NULL,
    "note" TEXT,
    "reference" TEXT,
    "recordedById" INTEGER,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "DossierResolution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaPause" (
    "id" SERIAL NOT NULL,
    "dossierId" INTEGER NOT NULL,
    "reason" TEXT,
    "startedOn" DATE NOT NULL,
    "endedOn" DATE,
    "recordedById" INTEGER,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlaPause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "dossierId" INTEGER,
    "level" "EscalationLevel" NOT NULL,
    "reason" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openedById" INTEGER,
    "lastNotifiedAt" TIMESTAMPTZ(3),
    "notifyCount" INTEGER NOT NULL DEFAULT 0,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedById" INTEGER,
    "closedAt" TIMESTAMPTZ(3),
    "closedById" INTEGER,
    "closedReason" TEXT,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "plannedOn" DATE NOT NULL,
    "status" "InspectionStatus" NOT NULL DEFAULT 'PLANNED',
    "findings" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "chatId" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "telegramMessageId" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorLabel" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "unitId" INTEGER,
    "dossierId" INTEGER,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" DATE NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedById" INTEGER,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Session" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SchedulerRun" (
    "key" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "ranAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchedulerRun_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_normalizedName_key" ON "Unit"("normalizedName");

-- CreateIndex
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");

-- CreateIndex
CREATE INDEX "Unit_kind_active_idx" ON "Unit"("kind", "active");

-- CreateIndex
CREATE UNIQUE INDEX "Person_telegramUserId_key" ON "Person"("telegramUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_activeMembershipId_key" ON "Person"("activeMembershipId");

-- CreateIndex
CREATE INDEX "Membership_personId_status_idx" ON "Membership"("personId", "status");

-- CreateIndex
CREATE INDEX "Membership_unitId_status_idx" ON "Membership"("unitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Invite_codeHash_key" ON "Invite"("codeHash");

-- CreateIndex
CREATE INDEX "Invite_unitId_idx" ON "Invite"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "InviteUse_inviteId_personId_key" ON "InviteUse"("inviteId", "personId");

-- CreateIndex
CREATE INDEX "InviteAttempt_telegramUserId_at_idx" ON "InviteAttempt"("telegramUserId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ChatBinding_chatId_key" ON "ChatBinding"("chatId");

-- CreateIndex
CREATE INDEX "ChatBinding_unitId_active_idx" ON "ChatBinding"("unitId", "active");

-- CreateIndex
CREATE INDEX "ImportBatch_fileSha256_idx" ON "ImportBatch"("fileSha256");

-- CreateIndex
CREATE UNIQUE INDEX "ReportingPeriod_year_month_key" ON "ReportingPeriod"("year", "month");

-- CreateIndex
CREATE INDEX "PeriodSnapshot_periodId_kind_isCurrent_idx" ON "PeriodSnapshot"("periodId", "kind", "isCurrent");

-- CreateIndex
CREATE INDEX "UnitScore_unitId_idx" ON "UnitScore"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitScore_snapshotId_unitId_key" ON "UnitScore"("snapshotId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Dossier_code_key" ON "Dossier"("code");

-- CreateIndex
CREATE INDEX "Dossier_unitId_state_idx" ON "Dossier"("unitId", "state");

-- CreateIndex
CREATE INDEX "Dossier_lastPeriodId_idx" ON "Dossier"("lastPeriodId");

-- CreateIndex
CREATE INDEX "DossierListing_unitId_periodId_idx" ON "DossierListing"("unitId", "periodId");

-- CreateIndex
CREATE INDEX "DossierListing_dossierId_periodId_idx" ON "DossierListing"("dossierId", "periodId");

-- CreateIndex
CREATE UNIQUE INDEX "DossierListing_snapshotId_dossierId_key" ON "DossierListing"("snapshotId", "dossierId");

-- CreateIndex
CREATE INDEX "CauseReport_dossierId_reportedAt_idx" ON "CauseReport"("dossierId", "reportedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApologyRecord_dossierId_key" ON "ApologyRecord"("dossierId");

-- CreateIndex
CREATE INDEX "DossierResolution_dossierId_idx" ON "DossierResolution"("dossierId");

-- CreateIndex
CREATE INDEX "SlaPause_dossierId_idx" ON "SlaPause"("dossierId");

-- CreateIndex
CREATE INDEX "Escalation_unitId_level_closedAt_idx" ON "Escalation"("unitId", "level", "closedAt");

-- CreateIndex
CREATE INDEX "Escalation_dossierId_idx" ON "Escalation"("dossierId");

-- CreateIndex
CREATE INDEX "Inspection_unitId_idx" ON "Inspection"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_notBefore_idx" ON "OutboxMessage"("status", "notBefore");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_dossierId_at_idx" ON "AuditEvent"("dossierId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_unitId_at_idx" ON "AuditEvent"("unitId", "at");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_activeMembershipId_fkey" FOREIGN KEY ("activeMembershipId") REFERENCES "Membership"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_inviteId_fkey" FOREIGN KEY ("inviteId") REFERENCES "Invite"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteUse" ADD CONSTRAINT "InviteUse_inviteId_fkey" FOREIGN KEY ("inviteId") REFERENCES "Invite"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteUse" ADD CONSTRAINT "InviteUse_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteAttempt" ADD CONSTRAINT "InviteAttempt_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatBinding" ADD CONSTRAINT "ChatBinding_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PeriodSnapshot" ADD CONSTRAINT "PeriodSnapshot_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ReportingPeriod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PeriodSnapshot" ADD CONSTRAINT "PeriodSnapshot_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitScore" ADD CONSTRAINT "UnitScore_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "PeriodSnapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitScore" ADD CONSTRAINT "UnitScore_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dossier" ADD CONSTRAINT "Dossier_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dossier" ADD CONSTRAINT "Dossier_firstPeriodId_fkey" FOREIGN KEY ("firstPeriodId") REFERENCES "ReportingPeriod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dossier" ADD CONSTRAINT "Dossier_lastPeriodId_fkey" FOREIGN KEY ("lastPeriodId") REFERENCES "ReportingPeriod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DossierListing" ADD CONSTRAINT "DossierListing_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DossierListing" ADD CONSTRAINT "DossierListing_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "PeriodSnapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DossierListing" ADD CONSTRAINT "DossierListing_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ReportingPeriod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DossierListing" ADD CONSTRAINT "DossierListing_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CauseReport" ADD CONSTRAINT "CauseReport_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApologyRecord" ADD CONSTRAINT "ApologyRecord_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DossierResolution" ADD CONSTRAINT "DossierResolution_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaPause" ADD CONSTRAINT "SlaPause_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

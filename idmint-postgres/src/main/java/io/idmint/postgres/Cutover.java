package io.idmint.postgres;

import java.util.List;

/** The cutover script {@link Migration#cutover()} prints: for review, run by an operator, never by idmint. */
final class Cutover {
    private Cutover() {}

    static String sql(MigrationSpec spec, TableInfo info, MigrationSql sql, VerifyReport report) {
        String t = sql.table.quoted();
        String col = SqlName.quote(sql.column);
        String legacyRenamed = SqlName.quote(info.keyColumn() + "_legacy");
        String check = SqlName.quote(sql.table.name() + "_" + sql.column + "_not_null");
        StringBuilder out = new StringBuilder();
        out.append("-- idmint cutover for ").append(sql.table).append(": primary key ").append(info.keyColumn()).append(" (")
                .append(info.keyType()).append(") -> ").append(sql.column).append(" (bigint, idmint layout ")
                .append(spec.layout().name()).append(").\n-- Printed for review; idmint never runs it. Run it with psql once the"
                        + " application reads both keys.\n");
        appendVerify(out, report);
        out.append("\n-- 1. Without blocking writes: prove ").append(sql.column).append(" is never NULL, so SET NOT NULL needs no scan.\n")
                .append("ALTER TABLE ").append(t).append(" ADD CONSTRAINT ").append(check).append(" CHECK (").append(col)
                .append(" IS NOT NULL) NOT VALID;\n")
                .append("ALTER TABLE ").append(t).append(" VALIDATE CONSTRAINT ").append(check).append(";\n");
        appendReferencing(out, info, sql);
        appendSwitch(out, info, sql, check);
        appendAfter(out, info, sql, legacyRenamed);
        return out.toString();
    }

    /** Step 3: one short transaction of catalog changes, no rewrite. */
    private static void appendSwitch(StringBuilder out, TableInfo info, MigrationSql sql, String check) {
        String t = sql.table.quoted();
        String col = SqlName.quote(sql.column);
        String legacy = SqlName.quote(info.keyColumn());
        String legacyRenamed = SqlName.quote(info.keyColumn() + "_legacy");
        String pkey = SqlName.quote(info.keyConstraint());
        out.append("\n-- 3. The switch, one short transaction (catalog changes only, no table rewrite).\nBEGIN;\n")
                .append("SET LOCAL lock_timeout = '5s';\nLOCK TABLE ").append(t).append(" IN ACCESS EXCLUSIVE MODE;\n")
                .append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(col).append(" SET NOT NULL;\n")
                .append("ALTER TABLE ").append(t).append(" DROP CONSTRAINT ").append(check).append(";\n")
                .append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(col).append(" SET DEFAULT ").append(sql.function.quoted())
                .append("();\n")
                .append("DROP TRIGGER ").append(SqlName.quote(sql.dualWrite.name())).append(" ON ").append(t).append(";\n")
                .append("DROP TRIGGER ").append(SqlName.quote(sql.mapWrite.name())).append(" ON ").append(t).append(";\n");
        for (TableInfo.Reference ref : info.references()) {
            out.append("ALTER TABLE ").append(ref.quotedTable()).append(" DROP CONSTRAINT ").append(SqlName.quote(ref.constraint()))
                    .append(";   -- on the legacy key; re-added on the new columns in step 4\n");
        }
        out.append("ALTER TABLE ").append(t).append(" DROP CONSTRAINT ").append(pkey).append(";\n")
                .append("ALTER TABLE ").append(t).append(" ADD CONSTRAINT ").append(pkey).append(" PRIMARY KEY USING INDEX ")
                .append(SqlName.quote(sql.uniqueIndex.name())).append(";\n")
                .append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(legacy).append(" DROP NOT NULL;   -- writers may stop filling it\n")
                .append("ALTER TABLE ").append(t).append(" RENAME COLUMN ").append(legacy).append(" TO ").append(legacyRenamed).append(";\n")
                .append("ALTER TABLE ").append(t).append(" RENAME COLUMN ").append(col).append(" TO ").append(legacy).append(";\n")
                .append("COMMIT;\n");
    }

    private static void appendVerify(StringBuilder out, VerifyReport report) {
        if (report.ok()) {
            out.append("-- verify: OK (").append(String.join("; ", report.facts())).append(")\n");
            return;
        }
        out.append("-- DO NOT RUN YET: verify found ").append(report.problems().size()).append(" problem(s):\n");
        for (String p : report.problems()) {
            out.append("--   ").append(p).append('\n');
        }
    }

    private static void appendReferencing(StringBuilder out, TableInfo info, MigrationSql sql) {
        List<String> refs = sql.referencing(info.references());
        if (refs.isEmpty()) {
            out.append("\n-- 2. No foreign key references ").append(sql.table).append(".\n");
            return;
        }
        out.append("\n-- 2. Tables referencing the legacy key: give them the new key first (batches on large tables), and keep it\n"
                + "--    filled for rows written until the switch (the application's dual writes, or a trigger reading the mapping).\n");
        refs.forEach(r -> out.append(r).append('\n'));
    }

    private static void appendAfter(StringBuilder out, TableInfo info, MigrationSql sql, String legacyRenamed) {
        out.append("\n-- 4. After: foreign keys on the referencing tables' new columns (NOT VALID, then VALIDATE CONSTRAINT);\n")
                .append("--    legacy lookups through ").append(sql.mapping).append(" (or CREATE UNIQUE INDEX CONCURRENTLY ON ")
                .append(sql.table.quoted()).append(" (").append(legacyRenamed).append(")).\n")
                .append("--    Once nothing reads the legacy key:\n")
                .append("-- ALTER TABLE ").append(sql.table.quoted()).append(" DROP COLUMN ").append(legacyRenamed).append(";\n")
                .append("-- DROP FUNCTION ").append(sql.dualWrite.quoted()).append("(), ").append(sql.mapWrite.quoted()).append("();\n");
        if (sql.timestampColumn != null) {
            out.append("-- DROP INDEX CONCURRENTLY IF EXISTS ").append(sql.orderIndex.quoted()).append(";\n");
        }
        if (!info.references().isEmpty()) {
            out.append("-- Keep ").append(sql.mapping).append(" while any legacy reference may still arrive.\n");
        }
    }
}

from django.db import migrations

APPEND_ONLY = """
CREATE FUNCTION governance_audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER governance_audit_append_only
    BEFORE UPDATE OR DELETE ON governance_auditentry
    FOR EACH ROW EXECUTE FUNCTION governance_audit_refuse_change();
"""

REMOVE = """
DROP TRIGGER IF EXISTS governance_audit_append_only ON governance_auditentry;
DROP FUNCTION IF EXISTS governance_audit_refuse_change();
"""


class Migration(migrations.Migration):
    dependencies = [("governance", "0002_positions")]

    operations = [migrations.RunSQL(APPEND_ONLY, REMOVE)]

"""Officer.telegram_chat_id: plain number -> Fernet ciphertext + HMAC lookup hash, existing rows converted."""
from django.db import migrations, models


def encrypt_existing(apps, schema_editor):
    from intake.officers.chat_ids import chat_id_hash, encrypt_chat_id

    Officer = apps.get_model("officers", "Officer")
    for officer in Officer.objects.all().only("pk", "telegram_chat_id"):
        Officer.objects.filter(pk=officer.pk).update(
            telegram_chat_id_encrypted=encrypt_chat_id(officer.telegram_chat_id),
            telegram_chat_id_hash=chat_id_hash(officer.telegram_chat_id),
        )


def decrypt_existing(apps, schema_editor):
    from intake.officers.chat_ids import decrypt_chat_id

    Officer = apps.get_model("officers", "Officer")
    for officer in Officer.objects.all().only("pk", "telegram_chat_id_encrypted"):
        Officer.objects.filter(pk=officer.pk).update(telegram_chat_id=decrypt_chat_id(officer.telegram_chat_id_encrypted))


class Migration(migrations.Migration):

    dependencies = [("officers", "0001_initial")]

    operations = [
        migrations.AddField("officer", "telegram_chat_id_encrypted", models.TextField(default="", editable=False),
                            preserve_default=False),
        migrations.AddField("officer", "telegram_chat_id_hash",
                            models.CharField(db_index=True, default="", editable=False, max_length=64),
                            preserve_default=False),
        migrations.AlterField("officer", "telegram_chat_id", models.BigIntegerField(null=True)),
        migrations.RunPython(encrypt_existing, decrypt_existing),
        migrations.RemoveField("officer", "telegram_chat_id"),
    ]

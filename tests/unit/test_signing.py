from signaal.pseudonym import pseudonymise
from signaal.signing import sign, verify


def test_signature_round_trip_and_forgery():
    body = b'{"id": "x"}'
    header = sign(body, "secret")
    assert header.startswith("sha256=") and verify(body, header, "secret")
    assert not verify(body + b" ", header, "secret")
    assert not verify(body, header, "other")
    assert not verify(body, None, "secret") and not verify(body, "sha1=abc", "secret")


def test_pseudonyms_are_stable_keyed_and_not_the_raw_id():
    a = pseudonymise("telegram", "123456", "k1")
    assert a == pseudonymise("telegram", "123456", "k1")
    assert a != pseudonymise("telegram", "123456", "k2")
    assert "123456" not in a and a.startswith("tg-")

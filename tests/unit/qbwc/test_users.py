from __future__ import annotations

import pytest

from adapters.quickbooks.webconnector.users import (
    QbwcUser,
    UserConfigError,
    UserDirectory,
    format_user,
    make_password_hash,
    parse_users,
    verify_password,
)
from tests.unit.qbwc.factories import cheap_hash


def test_a_hash_verifies_its_password_only() -> None:
    password_hash = make_password_hash("opensesame")
    assert password_hash.startswith("scrypt.16384.8.1.")
    assert verify_password("opensesame", password_hash)
    assert not verify_password("opensesamE", password_hash)
    assert not verify_password("", password_hash)


def test_each_hash_has_its_own_salt() -> None:
    assert cheap_hash("same") != cheap_hash("same")


@pytest.mark.parametrize(
    "bad_hash",
    [
        "plaintext",
        "md5.1.1.1.00.00",
        "scrypt.16384.8.1.zz.00",
        "scrypt.1000.8.1.00aa.00",
        "scrypt.16384.8.1..00",
        "scrypt.16384.8.1.00aa.00bb",
        "scrypt.4194304.8.1.00aa." + "00" * 32,
    ],
)
def test_malformed_or_dangerous_hashes_are_configuration_errors(bad_hash: str) -> None:
    with pytest.raises(UserConfigError):
        parse_users(f"alice:acme:{bad_hash}")


def test_users_parse_from_one_environment_string() -> None:
    alice_hash, bob_hash = cheap_hash("a"), cheap_hash("b")
    config = f" alice:acme:{alice_hash}:C:\\QB\\Acme.qbw ;\n bob:globex:{bob_hash} ;; "
    users = parse_users(config)
    assert users == [
        QbwcUser("alice", "acme", alice_hash, r"C:\QB\Acme.qbw"),
        QbwcUser("bob", "globex", bob_hash, ""),
    ]
    assert parse_users(";".join(format_user(user) for user in users)) == users


@pytest.mark.parametrize("entry", ["alice", "alice:acme", ":acme:HASH", "alice::HASH"])
def test_incomplete_entries_are_refused_with_their_position(entry: str) -> None:
    config = f"bob:globex:{cheap_hash('b')};" + entry.replace("HASH", cheap_hash("a"))
    with pytest.raises(UserConfigError, match="entry 2"):
        parse_users(config)


def test_a_user_configured_twice_is_refused() -> None:
    with pytest.raises(UserConfigError, match="twice"):
        UserDirectory.from_config(f"a:x:{cheap_hash('1')};a:y:{cheap_hash('2')}")


def test_the_directory_authenticates_by_username_and_password() -> None:
    directory = UserDirectory.from_config(f"alice:acme:{cheap_hash('pw')}")
    user = directory.authenticate("alice", "pw")
    assert user is not None
    assert user.company_id == "acme"
    assert directory.authenticate("alice", "PW") is None
    assert directory.authenticate("Alice", "pw") is None
    assert directory.authenticate("nobody", "pw") is None


def test_a_users_repr_does_not_show_the_hash() -> None:
    password_hash = cheap_hash("pw")
    assert password_hash not in repr(QbwcUser("alice", "acme", password_hash))

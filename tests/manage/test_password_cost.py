"""The managers' passwords are hashed at scrypt's full cost in production: the tests run at a lower one
(tests/conftest.py), so the production cost is read in a process of its own, where no conftest has run."""
import subprocess
import sys

from werkzeug.security import check_password_hash


def test_outside_the_tests_a_password_is_hashed_at_scrypt_s_full_cost():
    hashed = subprocess.run([sys.executable, "-c", "from wizard.manage.accounts import hash_password; "
                             "print(hash_password('un mot de passe assez long'))"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert hashed.startswith("scrypt:32768:8:1$")
    assert check_password_hash(hashed, "un mot de passe assez long")

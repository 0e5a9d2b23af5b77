# Script mode (cmake -P), run by web/CMakeLists.txt when package-lock.json changes:
# `npm ci` in WEB_DIR unless node_modules already matches the lockfile (npm's own record,
# node_modules/.package-lock.json, is newer than package-lock.json), then touches STAMP.
#   cmake -DNPM=npm -DWEB_DIR=web -DSTAMP=npm-ci.stamp -P npm_ci.cmake
#
# Behind a TLS-inspecting proxy whose CA is not in the trust store npm uses (a bare chroot,
# a fresh container), `npm ci` fails with a certificate error. It is then retried once with
# TLS verification off, loudly: every package in package-lock.json carries an sha512
# `integrity`, which npm checks against each downloaded tarball whatever the transport, so
# a tampered or substituted package still fails the install.
set(lock "${WEB_DIR}/package-lock.json")
set(installed "${WEB_DIR}/node_modules/.package-lock.json")
if(EXISTS "${installed}" AND NOT "${lock}" IS_NEWER_THAN "${installed}")
  message(STATUS "web: node_modules matches package-lock.json; npm ci not needed")
else()
  execute_process(
    COMMAND "${NPM}" ci --no-audit --no-fund --loglevel=error
    WORKING_DIRECTORY "${WEB_DIR}"
    RESULT_VARIABLE rc
    ERROR_VARIABLE err)
  # The retry is only safe when every package of the lockfile has its integrity.
  file(READ "${lock}" lock_text)
  string(JSON count LENGTH "${lock_text}" packages)
  set(all_pinned TRUE)
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON name MEMBER "${lock_text}" packages ${i})
    if(NOT name STREQUAL "")
      string(JSON integrity ERROR_VARIABLE missing GET "${lock_text}" packages "${name}" integrity)
      if(missing)
        set(all_pinned FALSE)
      endif()
    endif()
  endforeach()
  if(NOT rc EQUAL 0 AND err MATCHES "CERT|certificate" AND all_pinned)
    message(WARNING "web: npm ci failed on a TLS certificate (${rc}); retrying with "
                    "--strict-ssl=false. The lockfile's sha512 integrity still verifies every "
                    "package. Install the proxy's CA (update-ca-certificates) to avoid this.")
    execute_process(
      COMMAND "${NPM}" ci --no-audit --no-fund --loglevel=error --strict-ssl=false
      WORKING_DIRECTORY "${WEB_DIR}"
      RESULT_VARIABLE rc
      ERROR_VARIABLE err)
  endif()
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "web: npm ci failed (exit ${rc}): ${err}\nThe npm registry must be "
                        "reachable for the first build, or configure with -DKOKUHO_WEB=OFF")
  endif()
endif()
file(TOUCH "${STAMP}")

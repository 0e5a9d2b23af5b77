# Script mode (cmake -P), run by web/CMakeLists.txt when package-lock.json changes:
# `npm ci` in WEB_DIR unless node_modules already matches the lockfile (npm's own record,
# node_modules/.package-lock.json, is newer than package-lock.json), then touches STAMP.
#   cmake -DNPM=npm -DWEB_DIR=web -DSTAMP=npm-ci.stamp -P npm_ci.cmake
set(lock "${WEB_DIR}/package-lock.json")
set(installed "${WEB_DIR}/node_modules/.package-lock.json")
if(EXISTS "${installed}" AND NOT "${lock}" IS_NEWER_THAN "${installed}")
  message(STATUS "web: node_modules matches package-lock.json; npm ci not needed")
else()
  execute_process(
    COMMAND "${NPM}" ci --no-audit --no-fund --loglevel=error
    WORKING_DIRECTORY "${WEB_DIR}"
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "web: npm ci failed (exit ${rc}); the npm registry must be reachable "
                        "for the first build, or configure with -DKOKUHO_WEB=OFF")
  endif()
endif()
file(TOUCH "${STAMP}")

# The web app of `kokuho serve` (web/src/app), included by web/CMakeLists.txt when
# KOKUHO_WEB is on: `npm run build:app` (vite) writes index.html and hashed assets into this
# build folder, and embed_app_files.cmake turns them into generated/app_files.cc
# (kokuho::server::EmbeddedAppFiles, src/server/static_files.h), compiled into
# kokuho_server. The binary then serves the app with no source tree, npm or network.
file(GLOB_RECURSE web_app_src CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/src/app/*"
     "${CMAKE_CURRENT_SOURCE_DIR}/src/common/*")
set(web_app_dir "${CMAKE_CURRENT_BINARY_DIR}/dist/app")
set(web_app_cc "${CMAKE_CURRENT_BINARY_DIR}/generated/app_files.cc")
add_custom_command(
  OUTPUT "${web_app_cc}"
  COMMAND "${KOKUHO_NPM}" run --silent build:app -- --outDir "${web_app_dir}" --emptyOutDir
  COMMAND "${CMAKE_COMMAND}" "-DOUT=${web_app_cc}" "-DDIR=${web_app_dir}" -P
          "${CMAKE_CURRENT_SOURCE_DIR}/embed_app_files.cmake"
  WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
  DEPENDS "${KOKUHO_NPM_STAMP}" ${web_app_src} "${CMAKE_CURRENT_SOURCE_DIR}/vite.app.config.ts"
          "${CMAKE_CURRENT_SOURCE_DIR}/package.json"
          "${CMAKE_CURRENT_SOURCE_DIR}/embed_app_files.cmake"
  COMMENT "web: npm run build:app (the web app of kokuho serve)"
  VERBATIM)
add_custom_target(kokuho_web_app DEPENDS "${web_app_cc}")
add_dependencies(kokuho_web_app kokuho_web_npm)
target_sources(kokuho_server PRIVATE "${web_app_cc}")
add_dependencies(kokuho_server kokuho_web_app)

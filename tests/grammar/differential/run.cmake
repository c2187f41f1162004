# Runs the dockerfile-ast differential test (see compare.js).
# Inputs: NODE, NPM, DUMP (dockerfile_instructions), CORPUS, SOURCE_DIR
# (tests/grammar/differential) and WORK_DIR (in the build folder).
#
# dockerfile-ast is installed with `npm ci --ignore-scripts` from the
# committed package.json and package-lock.json into WORK_DIR; nothing is
# installed in the source tree.
if(NOT NODE OR NODE MATCHES "NOTFOUND" OR NOT NPM OR NPM MATCHES "NOTFOUND")
  message("SKIP: node and npm are needed to run dockerfile-ast")
  return()
endif()
if(NOT EXISTS ${CORPUS})
  message("SKIP: the corpus ${CORPUS} is absent (it lives outside the repository in ../shared/corpus)")
  return()
endif()

file(MAKE_DIRECTORY ${WORK_DIR})
foreach(f package.json package-lock.json)
  configure_file(${SOURCE_DIR}/${f} ${WORK_DIR}/${f} COPYONLY)
endforeach()
if(NOT EXISTS ${WORK_DIR}/node_modules/dockerfile-ast/package.json
   OR ${SOURCE_DIR}/package-lock.json IS_NEWER_THAN ${WORK_DIR}/node_modules/.package-lock.json)
  execute_process(COMMAND ${NPM} ci --ignore-scripts --no-audit --no-fund
                  WORKING_DIRECTORY ${WORK_DIR} RESULT_VARIABLE failed OUTPUT_QUIET ERROR_VARIABLE npm_error)
  if(failed)
    message("SKIP: could not install dockerfile-ast with npm ci (offline?): ${npm_error}")
    return()
  endif()
endif()

execute_process(COMMAND ${DUMP} ${CORPUS} OUTPUT_FILE ${WORK_DIR}/dockls.jsonl RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "dockerfile_instructions failed")
endif()
execute_process(COMMAND ${NODE} ${SOURCE_DIR}/compare.js ${WORK_DIR}/node_modules ${CORPUS}
                        ${WORK_DIR}/dockls.jsonl ${SOURCE_DIR}/allowlist.json
                RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "dockls and dockerfile-ast disagree on files that are not allow-listed (see above)")
endif()

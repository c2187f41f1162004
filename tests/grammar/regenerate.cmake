# Regenerates the Dockerfile grammar into a temporary folder and fails when
# a committed file differs, i.e. when someone changed grammar.js or the
# generator without running `cmake --build <build> --target grammar`.
#
#   -DSTEP=json    grammar.js -> grammar.json with our DSL shim (needs NODE)
#   -DSTEP=tables  committed grammar.json -> parser.c, node-types.json
# Other inputs: NODE, DSL, TABLEGEN, GRAMMAR_DIR, OUT_DIR.
file(REMOVE_RECURSE ${OUT_DIR})
file(MAKE_DIRECTORY ${OUT_DIR})

function(expect_same committed generated)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${committed} ${generated} RESULT_VARIABLE differs)
  if(differs)
    message(FATAL_ERROR "${committed} is out of date: regenerating gives ${generated}. "
                        "Run `cmake --build <build> --target grammar` and commit the result.")
  endif()
endfunction()

if(STEP STREQUAL "json")
  if(NOT NODE OR NODE MATCHES "NOTFOUND")
    message("SKIP: node is not installed, so grammar.js cannot be evaluated")
    return()
  endif()
  execute_process(COMMAND ${NODE} ${DSL} ${GRAMMAR_DIR}/grammar.js ${OUT_DIR}/grammar.json
                  RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "the DSL shim failed on grammar.js")
  endif()
  expect_same(${GRAMMAR_DIR}/src/grammar.json ${OUT_DIR}/grammar.json)
elseif(STEP STREQUAL "tables")
  execute_process(COMMAND ${TABLEGEN} ${GRAMMAR_DIR}/src/grammar.json ${OUT_DIR} RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "dockls_tablegen failed on the committed grammar.json")
  endif()
  expect_same(${GRAMMAR_DIR}/src/parser.c ${OUT_DIR}/parser.c)
  expect_same(${GRAMMAR_DIR}/src/node-types.json ${OUT_DIR}/node-types.json)
else()
  message(FATAL_ERROR "STEP must be json or tables")
endif()
message("generated files match the committed ones")

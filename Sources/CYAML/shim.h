#ifndef CFNTOOL_CYAML_SHIM_H
#define CFNTOOL_CYAML_SHIM_H
#include <yaml.h>
#endif

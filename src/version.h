#define CF_VERSION "0.1.0"

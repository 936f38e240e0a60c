/* registry_columns.h - the import's columns: which field a header names,
 * in the spellings organisers use (private to the import). */
#ifndef CF_MODEL_REGISTRY_COLUMNS_H
#define CF_MODEL_REGISTRY_COLUMNS_H

enum field {
	F_NAME_AR,
	F_NAME_FR,
	F_LEGAL,
	F_REG,
	F_REG_DATE,
	F_PROVINCE,
	F_SECTOR,
	F_PROD_AR,
	F_PROD_FR,
	F_WOMEN,
	F_MEN,
	F_YOUNG,
	F_WOMEN_LED,
	F_FIRST,
	F_CONTACT,
	F_PHONE,
	F_EMAIL,
	F__MAX
};

/* registry_column_of - the field a header names (the header already folded
 * by registry_norm), or -1 when none. */
int registry_column_of(const char *folded);

/* The name a missing required column is reported under. */
extern const char *const registry_field_names[F__MAX];

#endif

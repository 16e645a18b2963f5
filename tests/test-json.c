/* test-json.c — the importer's JSON reader: strict, complete, and the same tree json-glib reads
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "pl-json.h"
#include "pl-test-util.h"

#define DEPTH 64

static PlJsonDocument *
parse_text (const char *text,
            gsize      *offset)
{
  return pl_json_document_parse (text, strlen (text), DEPTH, offset);
}

/* ------------------------------------------------------------------ */
/* Accepted and refused                                                */

static const char * const valid_texts[] = {
  "{}", "[]", " \t\r\n{ } \n", "0", "-0", "1", "-1", "1.5", "-1.5e3", "1E+2", "1e-2", "0.0",
  "true", "false", "null", "\"\"", "\"a\"", "[1, 2, 3]", "[[], {}, [[]]]",
  "{\"a\": 1, \"b\": [true, false, null], \"c\": {\"d\": \"e\"}}",
  "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00\"",
  "\"\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xe2\x80\x8f \xf0\x9f\x98\x80\"",
  "9223372036854775807", "-9223372036854775808", "92233720368547758070", "1e400",
};

static const char * const invalid_texts[] = {
  "", " ", "{", "}", "[", "]", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\": 1,}", "{a: 1}", "{'a': 1}",
  "{\"a\"}", "[1] [2]", "{} x", "01", "1.", ".5", "-", "+1", "1e", "1e+", "0x1F", "tru", "nul",
  "\"abc", "\"a\\\"", "\"\\x\"", "\"\\u12\"", "\"\\uZZZZ\"", "\"\\uDE00\"", "\"\\uD83D\"",
  "\"\\uD83Dx\"", "\"\\uD83D\\u0041\"", "\"\\u0000\"", "\"a\tb\"", "\"a\nb\"",
  "\"\xff\"", "\"\xc3\"", "/* c */ {}", "[1, /* c */ 2]", "NaN", "Infinity", "[-]",
};

static void
test_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_texts); i++)
    {
      g_autoptr(PlJsonDocument) doc = parse_text (valid_texts[i], NULL);

      if (doc == NULL)
        g_error ("refused valid JSON: %s", valid_texts[i]);
    }
}

static void
test_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_texts); i++)
    {
      gsize offset = G_MAXSIZE;
      g_autoptr(PlJsonDocument) doc = parse_text (invalid_texts[i], &offset);

      if (doc != NULL)
        g_error ("accepted invalid JSON: %s", invalid_texts[i]);
      g_assert_cmpuint (offset, <=, strlen (invalid_texts[i]));
    }
}

/* The text need not end in NUL: nothing past @length is read. */
static void
test_length_is_the_end (void)
{
  static const char text[] = "[1, 2]123";
  g_autoptr(PlJsonDocument) doc = pl_json_document_parse (text, 6, DEPTH, NULL);
  g_autoptr(PlJsonDocument) number = pl_json_document_parse ("12345", 2, DEPTH, NULL);
  g_autoptr(PlJsonDocument) cut = pl_json_document_parse ("\"abc\"", 4, DEPTH, NULL);

  g_assert_nonnull (doc);
  g_assert_cmpuint (pl_json_document_get_root (doc)->length, ==, 2);
  g_assert_nonnull (number);
  g_assert_cmpint (pl_json_document_get_root (number)->integer, ==, 12);
  g_assert_null (cut);
}

static void
test_depth (void)
{
  g_autoptr(GString) arrays = g_string_new (NULL);
  g_autoptr(GString) objects = g_string_new (NULL);

  for (guint i = 0; i < DEPTH; i++)
    g_string_append_c (arrays, '[');
  for (guint i = 0; i < DEPTH; i++)
    g_string_append_c (arrays, ']');
  /* Objects nested DEPTH - 1 deep around an empty array. */
  for (guint i = 0; i + 1 < DEPTH; i++)
    g_string_append (objects, "{\"a\": ");
  g_string_append (objects, "[]");
  for (guint i = 0; i + 1 < DEPTH; i++)
    g_string_append_c (objects, '}');

  for (guint i = 0; i < 2; i++)
    {
      GString *text = i == 0 ? arrays : objects;
      g_autoptr(PlJsonDocument) at_limit = pl_json_document_parse (text->str, text->len, DEPTH, NULL);
      g_autoptr(PlJsonDocument) over = pl_json_document_parse (text->str, text->len, DEPTH - 1, NULL);

      g_assert_nonnull (at_limit);
      g_assert_null (over);
    }
}

/* ------------------------------------------------------------------ */
/* Values                                                              */

static void
test_values (void)
{
  g_autoptr(PlJsonDocument) doc =
    parse_text ("{\"int\": -42, \"big\": 9223372036854775807, \"small\": -9223372036854775808,"
                " \"over\": 9223372036854775808, \"frac\": 2.5, \"exp\": 1e3, \"t\": true, \"f\": false,"
                " \"n\": null, \"s\": \"caf\\u00e9 \\uD83D\\uDE00\\n\", \"a\": [1, \"x\"], \"o\": {},"
                " \"dup\": 1, \"dup\": 2}", NULL);
  const PlJsonValue *root;
  const PlJsonValue *value;

  g_assert_nonnull (doc);
  root = pl_json_document_get_root (doc);
  g_assert_cmpint (root->type, ==, PL_JSON_OBJECT);
  g_assert_cmpuint (root->length, ==, 14);
  /* In the file's order. */
  g_assert_cmpstr (root->members[0].name, ==, "int");
  g_assert_cmpstr (root->members[13].name, ==, "dup");

  value = pl_json_object_get (root, "int");
  g_assert_cmpint (value->type, ==, PL_JSON_INTEGER);
  g_assert_cmpint (value->integer, ==, -42);
  g_assert_cmpint (pl_json_object_get (root, "big")->integer, ==, G_MAXINT64);
  g_assert_cmpint (pl_json_object_get (root, "small")->integer, ==, G_MININT64);
  value = pl_json_object_get (root, "over");
  g_assert_cmpint (value->type, ==, PL_JSON_DOUBLE);
  g_assert_cmpfloat (value->number, ==, 9223372036854775808.0);
  g_assert_cmpint (pl_json_object_get (root, "frac")->type, ==, PL_JSON_DOUBLE);
  g_assert_cmpfloat (pl_json_object_get (root, "frac")->number, ==, 2.5);
  g_assert_cmpfloat (pl_json_object_get (root, "exp")->number, ==, 1000.0);
  g_assert_cmpint (pl_json_object_get (root, "exp")->type, ==, PL_JSON_DOUBLE);
  g_assert_true (pl_json_object_get (root, "t")->boolean);
  g_assert_false (pl_json_object_get (root, "f")->boolean);
  g_assert_cmpint (pl_json_object_get (root, "n")->type, ==, PL_JSON_NULL);

  value = pl_json_object_get (root, "s");
  g_assert_cmpint (value->type, ==, PL_JSON_STRING);
  g_assert_cmpstr (value->string, ==, "caf\xc3\xa9 \xf0\x9f\x98\x80\n");
  g_assert_cmpuint (value->length, ==, strlen (value->string));

  value = pl_json_object_get (root, "a");
  g_assert_cmpint (value->type, ==, PL_JSON_ARRAY);
  g_assert_cmpuint (value->length, ==, 2);
  g_assert_cmpint (value->elements[0].integer, ==, 1);
  g_assert_cmpstr (value->elements[1].string, ==, "x");
  g_assert_cmpuint (pl_json_object_get (root, "o")->length, ==, 0);

  /* A repeated name reads as its last value, as json-glib does. */
  g_assert_cmpint (pl_json_object_get (root, "dup")->integer, ==, 2);
  g_assert_null (pl_json_object_get (root, "missing"));
  g_assert_null (pl_json_object_get (value, "x"));
  g_assert_null (pl_json_object_get (NULL, "x"));
}

/* A string longer than a block of the document's memory. */
static void
test_long_string (void)
{
  gsize n = 3 * 1024 * 1024;
  g_autoptr(GString) text = g_string_new ("[\"");
  g_autoptr(PlJsonDocument) doc = NULL;
  const PlJsonValue *root;

  for (gsize i = 0; i < n; i++)
    g_string_append_c (text, (char) ('a' + i % 26));
  g_string_append (text, "\", \"after\"]");
  doc = pl_json_document_parse (text->str, text->len, DEPTH, NULL);
  g_assert_nonnull (doc);
  root = pl_json_document_get_root (doc);
  g_assert_cmpuint (root->elements[0].length, ==, n);
  g_assert_cmpuint (strlen (root->elements[0].string), ==, n);
  g_assert_cmpstr (root->elements[1].string, ==, "after");
}

/* ------------------------------------------------------------------ */
/* The same tree as json-glib's                                        */

static void
assert_same (JsonNode          *node,
             const PlJsonValue *value,
             const char        *where)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_assert_cmpint (value->type, ==, PL_JSON_NULL);
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_assert_cmpint (value->type, ==, PL_JSON_ARRAY);
        g_assert_cmpuint (value->length, ==, json_array_get_length (array));
        for (guint i = 0; i < value->length; i++)
          {
            g_autofree char *inner = g_strdup_printf ("%s[%u]", where, i);
            assert_same (json_array_get_element (array, i), &value->elements[i], inner);
          }
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);

        g_assert_cmpint (value->type, ==, PL_JSON_OBJECT);
        g_assert_cmpuint (value->length, ==, json_object_get_size (object));
        for (guint i = 0; i < value->length; i++)
          {
            const PlJsonMember *member = &value->members[i];
            g_autofree char *inner = g_strdup_printf ("%s.%s", where, member->name);
            JsonNode *other = json_object_get_member (object, member->name);

            if (other == NULL)
              g_error ("%s: json-glib has no such member", inner);
            assert_same (other, &member->value, inner);
          }
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          g_assert_cmpint (value->type, ==, PL_JSON_STRING);
          g_assert_cmpstr (value->string, ==, json_node_get_string (node));
          break;
        case G_TYPE_INT64:
          g_assert_cmpint (value->type, ==, PL_JSON_INTEGER);
          g_assert_cmpint (value->integer, ==, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          g_assert_cmpint (value->type, ==, PL_JSON_DOUBLE);
          g_assert_cmpfloat (value->number, ==, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_assert_cmpint (value->type, ==, PL_JSON_BOOLEAN);
          g_assert_cmpint (value->boolean, ==, json_node_get_boolean (node));
          break;
        default:
          g_error ("%s: a value json-glib reads as %s", where, g_type_name (json_node_get_value_type (node)));
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
test_same_as_json_glib (gconstpointer data)
{
  const char *path = data;
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PlJsonDocument) doc = NULL;

  if (path[0] != '/')
    {
      g_autofree char *full = pl_test_data_path (path);
      g_file_get_contents (full, &text, &length, &error);
    }
  else
    g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);

  json_parser_load_from_data (parser, text, (gssize) length, &error);
  g_assert_no_error (error);
  doc = pl_json_document_parse (text, length, DEPTH, NULL);
  g_assert_nonnull (doc);
  assert_same (json_parser_get_root (parser), pl_json_document_get_root (doc), "");
}

int
main (int    argc,
      char **argv)
{
  const char *bundled = g_getenv ("PACTLINE_BUNDLED_JSON");

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/valid", test_valid);
  g_test_add_func ("/json/invalid", test_invalid);
  g_test_add_func ("/json/length-is-the-end", test_length_is_the_end);
  g_test_add_func ("/json/depth", test_depth);
  g_test_add_func ("/json/values", test_values);
  g_test_add_func ("/json/long-string", test_long_string);
  g_test_add_data_func ("/json/same-as-json-glib/example", "example.json", test_same_as_json_glib);
  g_test_add_data_func ("/json/same-as-json-glib/markup", "markup.json", test_same_as_json_glib);
  if (bundled != NULL)
    g_test_add_data_func ("/json/same-as-json-glib/bundled", bundled, test_same_as_json_glib);

  return g_test_run ();
}

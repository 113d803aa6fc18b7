package carnot.report.internal;

import java.util.List;

/** Small HTML building blocks: escaping, tables, a page with its style sheet. */
public final class Html {

    private Html() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A table; cells are escaped text. */
    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder html = new StringBuilder("<table>\n<tr>");
        header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(c -> html.append("<td>").append(escape(c)).append("</td>"));
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    public static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n"
                + "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:1100px;margin:24px auto;color:#222;"
                + "padding:0 16px}\n"
                + "h1{font-size:24px}h2{font-size:19px;margin-top:32px;border-bottom:1px solid #ddd}\n"
                + "table{border-collapse:collapse;font-size:13px;margin:8px 0}\n"
                + "th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f3f3f3}\n"
                + "pre{background:#f7f7f7;padding:10px;font-size:12px;overflow-x:auto}\n"
                + "figure{display:inline-block;margin:6px}figcaption{font-size:12px;color:#555}\n"
                + ".note{color:#555;font-size:13px}\n"
                + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }
}

# Sourced by every releng script that uses the built product: its folder and launcher, in one place.
#   source "$root/releng/lib/product.sh"     (with $root the source checkout)
product="$root/product/target/products/carnot.ui.product/linux/gtk/x86_64/carnot"
carnot="$product/carnot"

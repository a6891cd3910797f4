curl "https://www.audioscrape.com/api/me" \
  -H "Authorization: Bearer $AUDIOSCRAPE_API_KEY"

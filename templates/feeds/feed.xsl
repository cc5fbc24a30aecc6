<?xml version="1.0" encoding="utf-8"?>{% load i18n static %}
{# Shows an Atom or RSS feed of ours as a page (core/feeds.py). XSLT 1.0; values from the feed only through value-of (escaped), never as markup. #}
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

<xsl:variable name="title" select="/atom:feed/atom:title | /rss/channel/title"/>
<xsl:variable name="subtitle" select="/atom:feed/atom:subtitle | /rss/channel/description"/>
<xsl:variable name="self" select="/atom:feed/atom:link[@rel='self']/@href | /rss/channel/atom:link[@rel='self']/@href"/>
<xsl:variable name="home" select="/atom:feed/atom:link[@rel='alternate']/@href | /rss/channel/link"/>

<xsl:template match="/">
<html lang="nl">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<title><xsl:value-of select="$title"/> ({% translate "feed" %}) | Movisie</title>
<link rel="icon" href="{% static 'img/favicon.svg' %}" type="image/svg+xml"/>
<link rel="stylesheet" href="{% static 'css/site.css' %}"/>
</head>
<body class="feed-page">
<a class="skip-link" href="#inhoud">{% translate "Skip to content" %}</a>
{# The site's header (includes/header.html) written as well-formed XML: the logo, the search form, the phone menu and the navigation bar; no current section here. #}
<header class="site-header">
<div class="wrap site-header__bar">
<a class="site-logo" href="{% url 'home' %}"><img src="{% static 'img/logo.svg' %}" alt="{% translate "Movisie, to the home page" %}" width="168" height="38"/><span class="site-logo__tag" aria-hidden="true">{% translate "knowledge for the social domain" %}</span></a>
<form class="site-search" method="get" action="{% url 'search' %}" role="search" aria-label="{% translate "Search the site" %}">
<label class="visually-hidden" for="site-zoeken">{% translate "Search for" %}</label>
<input type="search" id="site-zoeken" name="q" maxlength="200" placeholder="{% translate "Search dossiers and articles" %}"/>
<button type="submit">{% translate "Search" %}</button>
</form>
<details class="menu">
<summary>{% translate "Menu" %}</summary>
<nav class="main-nav menu__panel" aria-label="{% translate "Main navigation" %}">
<ul class="main-nav__list">
<li><a class="main-nav__link" href="{% url 'dossiers:index' %}">{% translate "Dossiers" %}</a></li>
<li><a class="main-nav__link" href="{% url 'articles:index' %}">{% translate "Articles" %}</a></li>
<li><a class="main-nav__link" href="{% url 'dossiers:themes' %}">{% translate "Themes" %}</a></li>
<li><a class="main-nav__link" href="{% url 'pages:over-ons' %}">{% translate "About us" %}</a></li>
<li><a class="main-nav__link" href="{% url 'pages:contact' %}">{% translate "Contact" %}</a></li>
</ul>
</nav>
</details>
</div>
<nav class="main-nav main-nav--bar" aria-label="{% translate "Main navigation" %}">
<div class="wrap"><ul class="main-nav__list">
<li><a class="main-nav__link" href="{% url 'dossiers:index' %}">{% translate "Dossiers" %}</a></li>
<li><a class="main-nav__link" href="{% url 'articles:index' %}">{% translate "Articles" %}</a></li>
<li><a class="main-nav__link" href="{% url 'dossiers:themes' %}">{% translate "Themes" %}</a></li>
<li><a class="main-nav__link" href="{% url 'pages:over-ons' %}">{% translate "About us" %}</a></li>
<li><a class="main-nav__link" href="{% url 'pages:contact' %}">{% translate "Contact" %}</a></li>
</ul></div>
</nav>
</header>
<main id="inhoud" tabindex="-1">
<div class="wrap">
<p class="page-header__label">{% translate "Feed (RSS)" %}</p>
<h1><xsl:value-of select="$title"/></h1>
<xsl:if test="$subtitle"><p class="lead"><xsl:value-of select="$subtitle"/></p></xsl:if>

<section class="feed-about" aria-labelledby="feed-uitleg">
<h2 id="feed-uitleg">{% translate "What is a feed?" %}</h2>
<p>{% translate "This page is a feed: a list of our newest items that a feed reader (an app or a program on your computer) checks for you. You see what is new without visiting the site again, and nobody learns who follows what." %}</p>
<p>{% translate "To follow it, copy the address below and add it in your feed reader, for example Thunderbird, NetNewsWire, Feeder or Inoreader." %}</p>
<p class="feed-about__address"><code><xsl:value-of select="$self"/></code></p>
<xsl:if test="$home"><p><a href="{$home}">{% translate "Back to the website" %}</a></p></xsl:if>
</section>

<section aria-labelledby="feed-berichten">
<h2 id="feed-berichten">{% translate "Newest items" %}</h2>
<xsl:choose>
<xsl:when test="/atom:feed/atom:entry | /rss/channel/item">
<ol class="feed-entries">
<xsl:for-each select="/atom:feed/atom:entry | /rss/channel/item">
<li class="card feed-entry">
<h3 class="feed-entry__title"><a href="{atom:link[@rel='alternate']/@href | link}"><xsl:value-of select="atom:title | title"/></a></h3>
<p class="meta"><xsl:call-template name="date"><xsl:with-param name="iso" select="(atom:published | atom:updated)[1]"/><xsl:with-param name="rfc" select="pubDate"/></xsl:call-template></p>
<xsl:if test="atom:summary | description"><p><xsl:value-of select="atom:summary | description"/></p></xsl:if>
</li>
</xsl:for-each>
</ol>
</xsl:when>
<xsl:otherwise><p>{% translate "There is nothing in this feed yet." %}</p></xsl:otherwise>
</xsl:choose>
</section>
</div>
</main>
<footer class="site-footer"><div class="wrap"><p>{% translate "Movisie: knowledge and advice for a strong social domain." %}</p></div></footer>
</body>
</html>
</xsl:template>

{# "4 september 2023" from an Atom date (2023-09-04T09:00:00+02:00) or an RSS one (Mon, 04 Sep 2023 07:00:00 +0000). #}
<xsl:template name="date">
<xsl:param name="iso"/>
<xsl:param name="rfc"/>
<xsl:variable name="month"><xsl:choose>
<xsl:when test="$iso"><xsl:value-of select="substring($iso, 6, 2)"/></xsl:when>
<xsl:otherwise><xsl:call-template name="month-number"><xsl:with-param name="abbreviation" select="substring($rfc, 9, 3)"/></xsl:call-template></xsl:otherwise>
</xsl:choose></xsl:variable>
<xsl:variable name="day"><xsl:choose>
<xsl:when test="$iso"><xsl:value-of select="substring($iso, 9, 2)"/></xsl:when>
<xsl:otherwise><xsl:value-of select="substring($rfc, 6, 2)"/></xsl:otherwise>
</xsl:choose></xsl:variable>
<xsl:variable name="year"><xsl:choose>
<xsl:when test="$iso"><xsl:value-of select="substring($iso, 1, 4)"/></xsl:when>
<xsl:otherwise><xsl:value-of select="substring($rfc, 13, 4)"/></xsl:otherwise>
</xsl:choose></xsl:variable>
<xsl:if test="string-length($month) = 2">
<time datetime="{$year}-{$month}-{$day}"><xsl:value-of select="number($day)"/><xsl:text> </xsl:text><xsl:call-template name="month-name"><xsl:with-param name="number" select="$month"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="$year"/></time>
</xsl:if>
</xsl:template>

<xsl:template name="month-number">
<xsl:param name="abbreviation"/>
<xsl:choose>{% for number, abbreviation, name in months %}
<xsl:when test="$abbreviation = '{{ abbreviation }}'">{{ number }}</xsl:when>{% endfor %}
</xsl:choose>
</xsl:template>

<xsl:template name="month-name">
<xsl:param name="number"/>
<xsl:choose>{% for number, abbreviation, name in months %}
<xsl:when test="$number = '{{ number }}'">{{ name|lower }}</xsl:when>{% endfor %}
</xsl:choose>
</xsl:template>
</xsl:stylesheet>
